// Globals the end-to-end timing run reads through WebDriver.
export {};

declare global {
  interface Window {
    /** How many times a Card component's body has run since the page loaded. */
    __jmCardRenders: number;
  }
}
