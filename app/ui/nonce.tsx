import { createContext, useContext } from "react";

// The per-request CSP nonce, given to Remix's inline scripts on the server. In the browser it is
// "" (browsers hide nonces from the DOM), which is what React expects on hydration.
export const NonceContext = createContext("");
export const useNonce = () => useContext(NonceContext);
