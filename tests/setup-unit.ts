// Unit and integration tests run with NODE_ENV=test and never read a developer's .env.
process.env.NODE_ENV = "test";
