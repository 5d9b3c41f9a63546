export { HomeRoute } from './home.route';
