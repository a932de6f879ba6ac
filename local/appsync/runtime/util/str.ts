/** `util.str` (https://docs.aws.amazon.com/appsync/latest/devguide/str-helpers-in-util-str-js.html). */
export const str = {
  /** Unicode normalization; the form is "nfc", "nfd", "nfkc" or "nfkd". */
  normalize(value: string, form: 'nfc' | 'nfd' | 'nfkc' | 'nfkd'): string {
    return String(value).normalize(String(form).toUpperCase());
  },
};
