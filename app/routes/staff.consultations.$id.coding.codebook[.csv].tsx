import { type LoaderFunctionArgs } from "@remix-run/node";
import { codebookDownload } from "~/coding/downloads.server";

/** The codebook as CSV, to reuse in another consultation or keep with the report. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return codebookDownload(request, params, "csv");
}
