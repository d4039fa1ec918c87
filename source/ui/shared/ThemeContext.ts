import {createContext} from 'react';
import {createTheme, type Theme} from './theme.js';

const ThemeContext = createContext<Theme>(createTheme({color: true, ascii: false}));
ThemeContext.displayName = 'ThemeContext';

export default ThemeContext;
