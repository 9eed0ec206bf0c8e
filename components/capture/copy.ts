/** What "Charge when I ship" means for a seller: the product form's help text and the list badge's title. */
export const CAPTURE_LATER_HINT =
  "Buyers' cards are authorised at checkout and charged only when you ship (within 7 days); what you don't ship is released.";
