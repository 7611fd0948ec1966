import i18n from 'i18next';
import { deAdmin } from './de';

// added to the default namespace when the admin chunk loads, so the shopper's bundle does not carry them
i18n.addResources('de', 'translation', deAdmin);
