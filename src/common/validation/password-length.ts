/** How long a password may be: checked on every input that sets one, and worded by the validation pipe. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
