// Text messages to phones leave through this small interface: an SMS gateway in production
// (阿里云 / 腾讯云 短信, a county's own gateway), the log by default. Tests keep the messages.
export interface SmsSender {
  send(phone: string, text: string): Promise<void>;
}

/** Default: writes the message to the server log (stderr), so a demo can read its codes. */
export class LogSmsSender implements SmsSender {
  async send(phone: string, text: string): Promise<void> {
    process.stderr.write(`[sms] to ${phone}: ${text}\n`);
  }
}

/** Keeps every message in memory (tests). */
export class MemorySmsSender implements SmsSender {
  readonly sent: { phone: string; text: string }[] = [];
  async send(phone: string, text: string): Promise<void> {
    this.sent.push({ phone, text });
  }
  /** The last 6-digit code sent to the phone. */
  lastCode(phone: string): string | undefined {
    const m = [...this.sent].reverse().find((s) => s.phone === phone);
    return m ? /\d{6}/.exec(m.text)?.[0] : undefined;
  }
}
