import { fill } from "../dom";
import type { ScreenCtx } from "../routes";
import { heading } from "../ui";

// PLACEHOLDER: replaced by the screen's real implementation.
export default async function screen({ root }: ScreenCtx): Promise<void> {
  fill(root, heading("import"));
}
