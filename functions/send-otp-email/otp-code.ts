// Moved to functions/shared/ (the SMS function draws its codes the same way); kept here for this function's imports.
export { drawOtpCode } from '../shared/otp-code.ts';
