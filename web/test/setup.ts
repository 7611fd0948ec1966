import '@testing-library/jest-dom/vitest';
import '../src/i18n';

// jsdom does not implement scrolling; the router's scroll restoration calls it
window.scrollTo = () => undefined;
