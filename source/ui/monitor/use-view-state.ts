import useImmediateReducer from '../shared/use-immediate-reducer.js';
import {initialViewState, viewReducer, type ViewAction, type ViewState} from './view-state.js';

/** The monitor view's own state, each key acting on what the previous one left (see useImmediateReducer). */
export default function useViewState(): {readonly state: ViewState; current(): ViewState; apply(action: ViewAction): void} {
	return useImmediateReducer(viewReducer, initialViewState);
}
