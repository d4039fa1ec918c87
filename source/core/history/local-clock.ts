/** Moments as a person reads them (the report, the timeline overlay): local time or the zone given, 24-hour, to the second. */
export type LocalClock = {
	/** The zone the times are in, to say once in the report's header. */
	readonly zone: string;
	/** `14:02:11`, or `2026-11-26 23:58:00` for a moment on another day than `day`. */
	at(at: number): string;
	/** `2026-11-27 14:02:11`. */
	full(at: number): string;
};

/** Times for a view or report whose main day is the one holding `dayOf` (the end of its range): other days show their date. */
export function localClock(dayOf: number, timeZone?: string): LocalClock {
	const format = new Intl.DateTimeFormat('en-CA', {
		timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
	});
	const parts = (at: number) => {
		const values: Record<string, string> = {};
		for (const part of format.formatToParts(new Date(at))) {
			values[part.type] = part.value;
		}

		return {date: `${values.year}-${values.month}-${values.day}`, time: `${values.hour}:${values.minute}:${values.second}`};
	};

	const day = parts(dayOf).date;
	return {
		zone: format.resolvedOptions().timeZone,
		at(at) {
			const {date, time} = parts(at);
			return date === day ? time : `${date} ${time}`;
		},
		full(at) {
			const {date, time} = parts(at);
			return `${date} ${time}`;
		},
	};
}

/** The start of the local day holding `at` ("today" for the timeline overlay and the fleet's Today column). */
export function localMidnight(at: number): number {
	const date = new Date(at);
	date.setHours(0, 0, 0, 0);
	return date.getTime();
}
