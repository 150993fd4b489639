// The package ships no types: one function, true for a password on its list.
declare module "fxa-common-password-list" {
  const list: { test(password: string): boolean };
  export default list;
}
