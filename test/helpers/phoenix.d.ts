// Minimal types for the parts of the official `phoenix` client the emulator tests use
// (the package ships no declarations and @types/phoenix is not installed).
declare module 'phoenix' {
	export type Push = {
		receive(status: 'ok' | 'error' | 'timeout', callback: (response?: unknown) => void): Push;
	};

	export class Channel {
		state: string;
		join(timeout?: number): Push;
		leave(timeout?: number): Push;
		on(event: string, callback: (payload: unknown, ref?: unknown) => void): number;
		onClose(callback: () => void): number;
		onError(callback: (reason?: unknown) => void): number;
	}

	export type SocketOptions = {
		transport?: unknown;
		vsn?: string;
		params?: Record<string, unknown> | (() => Record<string, unknown>);
		encode?: (message: unknown, callback: (encoded: string) => void) => void;
		decode?: (raw: string, callback: (decoded: unknown) => void) => void;
		heartbeatIntervalMs?: number;
		reconnectAfterMs?: (tries: number) => number;
		logger?: (kind: string, message: string, data: unknown) => void;
	};

	export class Socket {
		constructor(endPoint: string, options?: SocketOptions);
		connect(): void;
		disconnect(callback?: () => void, code?: number, reason?: string): void;
		channel(topic: string, parameters?: Record<string, unknown>): Channel;
		endPointURL(): string;
		isConnected(): boolean;
		ping(callback: (rtt: number) => void): boolean;
		onOpen(callback: () => void): string;
		onClose(callback: (event: unknown) => void): string;
		onError(callback: (error: unknown) => void): string;
		onMessage(callback: (message: unknown) => void): string;
	}
}
