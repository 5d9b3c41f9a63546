export { SignInCallbackRoute } from './callback.route';
export { SignInRoute } from './sign-in.route';
export { AuditorInvitationRoute } from './auditor-invitation.route';
