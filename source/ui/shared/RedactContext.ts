import {createContext} from 'react';
import type {Redactor} from '../../core/token/redact.js';

/** The monitor's redactor, so that SafeText can keep secrets off the screen whatever the server echoes. */
const RedactContext = createContext<Redactor>(text => text);
RedactContext.displayName = 'RedactContext';

export default RedactContext;
