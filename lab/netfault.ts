/**
 * Network faults for the lab: drops packets on loopback for a while with
 * iptables, in a chain of our own (FIRSTLINE_DROP) hooked into INPUT and
 * removed afterwards. Refuses to run outside the lab's own network namespace
 * (scripts/lab-netns.sh sets FIRSTLINE_LAB_NETNS=1): it must never touch the
 * host's firewall.
 */
import { execFileSync } from 'node:child_process';

export const IPTABLES_BIN = '/usr/sbin/iptables';
const CHAIN = 'FIRSTLINE_DROP';

export type DropOptions = {
  /** UDP ports (source or destination) that keep flowing, e.g. SIP and rtpengine control. */
  keepUdpPorts: number[];
  /** TCP ports (source or destination) whose packets are dropped, e.g. the WebSocket to Kamailio. */
  tcpPorts: number[];
  /** Drop UDP at all (media). Default true. */
  udp?: boolean;
};

const ipt = (...args: string[]): void => {
  execFileSync(IPTABLES_BIN, ['-w', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
};

function clear(): void {
  try {
    ipt('-D', 'INPUT', '-j', CHAIN);
  } catch {
    /* not hooked */
  }
  try {
    ipt('-F', CHAIN);
    ipt('-X', CHAIN);
  } catch {
    /* no chain */
  }
}

/** Drops the matching traffic for `ms`, then restores it (also on error). */
export async function dropTraffic(ms: number, o: DropOptions): Promise<void> {
  if (process.env.FIRSTLINE_LAB_NETNS !== '1') throw new Error('dropTraffic runs only inside the lab network namespace (scripts/lab-netns.sh)');
  clear();
  ipt('-N', CHAIN);
  try {
    if (o.udp ?? true) {
      if (o.keepUdpPorts.length) ipt('-A', CHAIN, '-p', 'udp', '-m', 'multiport', '!', '--ports', o.keepUdpPorts.join(','), '-j', 'DROP');
      else ipt('-A', CHAIN, '-p', 'udp', '-j', 'DROP');
    }
    if (o.tcpPorts.length) ipt('-A', CHAIN, '-p', 'tcp', '-m', 'multiport', '--ports', o.tcpPorts.join(','), '-j', 'DROP');
    ipt('-I', 'INPUT', '1', '-j', CHAIN);
    await new Promise((r) => setTimeout(r, ms));
  } finally {
    clear();
  }
}
