import { json, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { getCurrentStaff } from "./auth/staff-auth.server";
import { useEffect, type ReactNode } from "react";
import { useNonce } from "./ui/nonce";
import { PageChangeAnnouncer } from "./ui/page-change";
import { restoreTypedText } from "./ui/typed-before-scripts";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/styles/app.css" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/**
 * Whether the visitor is signed in as staff, for the header's link. Remix calls this again after
 * every form submission, so signing in or out updates the header without a reload.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return json({ staffSignedIn: Boolean(await getCurrentStaff(request)) });
}

function Document({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  // Absent when the root loader itself failed (the error page still needs a header).
  const staffSignedIn = useRouteLoaderData<typeof loader>("root")?.staffSignedIn ?? false;
  return (
    <html lang="en" className="govuk-template">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#1d2d5c" />
        <Meta />
        <Links />
      </head>
      <body className="govuk-template__body">
        <a href="#main-content" className="govuk-skip-link">
          Skip to main content
        </a>
        <header className="opcc-header" role="banner">
          <div className="govuk-width-container opcc-header__container">
            <div>
              <Link to="/consultations" className="opcc-header__name">
                Your Say
              </Link>
              <span className="opcc-header__org">Durham and Darlington Police and Crime Commissioner</span>
            </div>
            <nav aria-label="Site">
              <ul className="opcc-header__nav">
                <li>
                  <Link to="/consultations">Consultations</Link>
                </li>
                <li>
                  <Link to="/staff">{staffSignedIn ? "Staff workspace" : "Staff sign in"}</Link>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <div className="govuk-width-container">
          <main className="govuk-main-wrapper" id="main-content" role="main" tabIndex={-1}>
            {children}
          </main>
        </div>
        <footer className="govuk-footer" role="contentinfo">
          <div className="govuk-width-container">
            <div className="govuk-footer__meta">
              <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
                <h2 className="govuk-visually-hidden">Support links</h2>
                <ul className="govuk-footer__inline-list">
                  <li className="govuk-footer__inline-list-item">
                    <Link className="govuk-footer__link" to="/results">
                      You said, we did
                    </Link>
                  </li>
                  <li className="govuk-footer__inline-list-item">
                    <Link className="govuk-footer__link" to="/evidence">
                      Evidence for the Police and Crime Plan
                    </Link>
                  </li>
                  <li className="govuk-footer__inline-list-item">
                    <Link className="govuk-footer__link" to="/privacy">
                      Privacy notice
                    </Link>
                  </li>
                  <li className="govuk-footer__inline-list-item">
                    <Link className="govuk-footer__link" to="/accessibility">
                      Accessibility statement
                    </Link>
                  </li>
                  <li className="govuk-footer__inline-list-item">
                    <Link className="govuk-footer__link" to="/cookies">
                      Cookies
                    </Link>
                  </li>
                </ul>
                <p className="govuk-body-s">
                  Your Say is run by the Office of the Police and Crime Commissioner for County Durham and Darlington.
                </p>
              </div>
            </div>
          </div>
        </footer>
        <PageChangeAnnouncer />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  // Marks a page whose scripts have run, so the browser tests can tell an enhanced page from one
  // still loading them.
  useEffect(() => {
    restoreTypedText();
    document.documentElement.dataset.hydrated = "";
  }, []);
  return (
    <Document>
      <Outlet />
    </Document>
  );
}

/** A refusal that carries its own heading and a way on ({ title, message, link }), not just a message. */
interface ExplainedError {
  title: string;
  message: string;
  link?: { to: string; text: string };
}
const isExplained = (data: unknown): data is ExplainedError =>
  typeof data === "object" && data !== null && typeof (data as ExplainedError).title === "string" && typeof (data as ExplainedError).message === "string";

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const explained = isRouteErrorResponse(error) && status < 500 && isExplained(error.data) ? error.data : null;
  const title = explained
    ? explained.title
    : status === 404 ? "Page not found" : status === 403 ? "You do not have access to this page" : status === 429 ? "Too many attempts" : status === 503 ? "Sorry, the service is busy" : status < 500 ? "There is a problem with this request" : "Sorry, there is a problem with the service";
  const message = explained
    ? explained.message
    : isRouteErrorResponse(error) && typeof error.data === "string" && (status < 500 || status === 503)
      ? error.data
      : status === 404
        ? "If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address."
        : status < 500
          ? "Go back and try again."
          : "Try again later. Your answers have not been saved if you were submitting a response.";
  return (
    <Document>
      <title>{`${title} - Your Say`}</title>
      <h1 className="govuk-heading-l">{title}</h1>
      <p className="govuk-body">{message}</p>
      {explained?.link ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={explained.link.to}>
            {explained.link.text}
          </Link>
        </p>
      ) : null}
      <p className="govuk-body">
        <Link className="govuk-link" to="/consultations">
          See all consultations
        </Link>
      </p>
    </Document>
  );
}
