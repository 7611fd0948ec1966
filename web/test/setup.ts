import '@testing-library/jest-dom/vitest';

// jsdom does not implement scrolling; the router scrolls to the top on navigation
window.scrollTo = () => undefined;
