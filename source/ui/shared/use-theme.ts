import {useContext} from 'react';
import ThemeContext from './ThemeContext.js';
import type {Theme} from './theme.js';

export default function useTheme(): Theme {
	return useContext(ThemeContext);
}
