#!/usr/bin/env python3
"""Run a command in a fresh pseudo-terminal and relay it over pipes.

    python3 pty-driver.py COLS ROWS -- CMD [ARGS...]

stdout: every byte the child writes to the terminal, unchanged and unbuffered.
stdin:  control messages, one JSON object per line:
          {"type": "input", "data": "<base64>", "delayMs": 0}
              write bytes to the terminal, as typed keys; delayMs holds this
              write until that long after the child has read the previous
              one (a person's pause, e.g. so a lone Escape is not read as
              Alt+<next key>: on a busy machine the child may not read for
              longer than the pause, and would then read both at once)
          {"type": "resize", "cols": N, "rows": M}
              TIOCSWINSZ on the terminal; the kernel sends SIGWINCH
          {"type": "signal", "name": "SIGTERM"}
              signal the child's process group
        EOF on stdin is not a request to stop: the driver runs until the child exits.
exit:   the child's exit status, or 128 + signal number when a signal ended it.
stderr: the driver's own complaints, plus one `@@terminal-modes {json}` line
        with the terminal's echo/canonical flags as the child left them.

Python 3 standard library only: no native addons.
"""

import base64
import errno
import fcntl
import json
import os
import select
import signal
import struct
import sys
import termios
import time

SIGNALS = {
    "SIGTERM": signal.SIGTERM,
    "SIGHUP": signal.SIGHUP,
    "SIGINT": signal.SIGINT,
    "SIGQUIT": signal.SIGQUIT,
    "SIGKILL": signal.SIGKILL,
    "SIGCONT": signal.SIGCONT,
    "SIGSTOP": signal.SIGSTOP,
}

# How long to keep reading after the child has exited while something else
# (a grandchild) still holds the terminal open and stays silent.
DRAIN_QUIET_SECONDS = 0.2
READ_SIZE = 65536
# A pause after an input (delayMs) starts once the child has read that input:
# looked for this often, no sooner than this after the write (the kernel hands
# written bytes to the terminal's input queue a moment later), and at most this
# long, for a child that never reads.
UNREAD_POLL_SECONDS = 0.005
UNREAD_SETTLE_SECONDS = 0.01
UNREAD_WAIT_CAP_SECONDS = 5.0


def complain(message):
    try:
        os.write(2, ("pty-driver: %s\n" % message).encode("utf-8", "replace"))
    except OSError:
        pass


def winsize(cols, rows):
    return struct.pack("HHHH", rows, cols, 0, 0)


def exit_status(status):
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    if os.WIFEXITED(status):
        return os.WEXITSTATUS(status)
    return 1


def parse_args(argv):
    if len(argv) < 5 or argv[3] != "--":
        complain("usage: pty-driver.py COLS ROWS -- CMD [ARGS...]")
        sys.exit(2)
    try:
        cols, rows = int(argv[1]), int(argv[2])
    except ValueError:
        complain("COLS and ROWS must be integers")
        sys.exit(2)
    if cols < 1 or rows < 1:
        complain("COLS and ROWS must be positive")
        sys.exit(2)
    return cols, rows, argv[4:]


def spawn(cols, rows, argv):
    """Fork argv as the session leader of a new terminal; returns (pid, master_fd, slave_path)."""
    master, slave = os.openpty()
    slave_path = os.ttyname(slave)
    # Size the terminal before the child exists, so its first read of the size is right.
    fcntl.ioctl(master, termios.TIOCSWINSZ, winsize(cols, rows))
    attrs = termios.tcgetattr(slave)
    # Like terminals that know they speak UTF-8 (line editing erases whole characters).
    attrs[0] |= getattr(termios, "IUTF8", 0)
    termios.tcsetattr(slave, termios.TCSANOW, attrs)

    pid = os.fork()
    if pid == 0:
        try:
            os.close(master)
            os.setsid()
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
            for fd in (0, 1, 2):
                os.dup2(slave, fd)
            if slave > 2:
                os.close(slave)
            for sig in (signal.SIGPIPE, signal.SIGINT, signal.SIGQUIT,
                        signal.SIGTERM, signal.SIGHUP, signal.SIGCHLD):
                signal.signal(sig, signal.SIG_DFL)
            signal.set_wakeup_fd(-1)
            signal.pthread_sigmask(signal.SIG_SETMASK, [])
            os.execvp(argv[0], argv)
        except OSError as error:
            os.write(2, ("pty-driver: cannot run %s: %s\r\n" % (argv[0], error.strerror)).encode())
            os._exit(127)
        except BaseException:  # noqa: B902 - never return into the parent's code
            os._exit(127)
    os.close(slave)
    return pid, master, slave_path


def unread_input(slave_path):
    """Bytes written to the terminal that no one has read yet (FIONREAD on the
    terminal's own side, opened for a moment: holding it open would keep the
    master from seeing the end of the session)."""
    try:
        fd = os.open(slave_path, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
    except OSError:
        return 0
    try:
        count = fcntl.ioctl(fd, termios.FIONREAD, struct.pack("i", 0))
        return struct.unpack("i", count)[0]
    except OSError:
        return 0
    finally:
        os.close(fd)


class Driver:
    def __init__(self, pid, master, slave_path, wake_r):
        self.pid = pid
        self.master = master
        self.slave_path = slave_path
        self.status = None          # raw waitpid status once reaped
        self.output_open = True     # master still readable
        self.control_open = True    # our stdin still open
        self.control_buffer = b""
        self.pending = []           # [(not_before_monotonic or None, delay_seconds, bytes)]
        self.last_input_at = 0.0
        self.wake_r = wake_r
        os.set_blocking(master, False)

    # -- child --------------------------------------------------------------
    def reap(self, block=False):
        if self.status is not None:
            return True
        try:
            pid, status = os.waitpid(self.pid, 0 if block else os.WNOHANG)
        except ChildProcessError:
            self.status = 0
            return True
        if pid == self.pid:
            self.status = status
            return True
        return False

    def signal_child(self, sig):
        if self.status is not None:
            return
        try:
            os.killpg(self.pid, sig)
        except (ProcessLookupError, PermissionError):
            try:
                os.kill(self.pid, sig)
            except (ProcessLookupError, PermissionError):
                pass

    # -- output -------------------------------------------------------------
    def relay_output(self):
        """Copies what is readable now; returns the number of bytes relayed."""
        try:
            data = os.read(self.master, READ_SIZE)
        except BlockingIOError:
            return 0
        except OSError as error:
            # Linux reports EIO on the master once no process holds the slave open.
            if error.errno in (errno.EIO, errno.EBADF):
                self.output_open = False
                return 0
            raise
        if not data:
            self.output_open = False
            return 0
        view = memoryview(data)
        while view:
            try:
                written = os.write(1, view)
            except BlockingIOError:
                select.select([], [1], [], 1.0)
                continue
            view = view[written:]
        return len(data)

    # -- control ------------------------------------------------------------
    def read_control(self):
        try:
            data = os.read(0, READ_SIZE)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self.control_open = False
            data = b"\n"  # handle a last line without its newline
        self.control_buffer += data
        while b"\n" in self.control_buffer:
            line, self.control_buffer = self.control_buffer.split(b"\n", 1)
            if line.strip():
                self.handle(line)

    def handle(self, line):
        try:
            message = json.loads(line)
            kind = message["type"]
        except (ValueError, KeyError, TypeError):
            complain("ignoring malformed control message: %r" % line[:200])
            return
        if kind == "input":
            try:
                data = base64.b64decode(message["data"], validate=True)
            except (ValueError, KeyError, TypeError):
                complain("ignoring input with bad base64")
                return
            delay = max(0.0, float(message.get("delayMs") or 0) / 1000.0)
            self.pending.append([None, delay, data])
        elif kind == "resize":
            try:
                cols, rows = int(message["cols"]), int(message["rows"])
            except (ValueError, KeyError, TypeError):
                complain("ignoring resize without integer cols/rows")
                return
            if self.output_open:
                try:
                    fcntl.ioctl(self.master, termios.TIOCSWINSZ, winsize(cols, rows))
                except OSError as error:
                    complain("resize failed: %s" % error.strerror)
        elif kind == "signal":
            sig = SIGNALS.get(message.get("name"))
            if sig is None:
                complain("ignoring unknown signal %r" % message.get("name"))
                return
            self.signal_child(sig)
        else:
            complain("ignoring control message of type %r" % kind)

    def next_input_deadline(self):
        """Monotonic time the head of the input queue may be written, or None."""
        if not self.pending:
            return None
        head = self.pending[0]
        if head[0] is None:
            if not head[1]:
                head[0] = 0.0
                return head[0]
            now = time.monotonic()
            since = now - self.last_input_at
            if since < UNREAD_SETTLE_SECONDS or (
                since < UNREAD_WAIT_CAP_SECONDS and unread_input(self.slave_path) > 0
            ):
                # Not yet read: look again shortly (the deadline stays open).
                return now + UNREAD_POLL_SECONDS
            head[0] = now + head[1]
        return head[0]

    def write_input(self):
        while self.pending and self.output_open:
            if self.next_input_deadline() > time.monotonic():
                return
            head = self.pending[0]
            try:
                written = os.write(self.master, head[2])
            except BlockingIOError:
                return
            except OSError as error:
                if error.errno in (errno.EIO, errno.EBADF):
                    self.pending.clear()
                    return
                raise
            self.last_input_at = time.monotonic()
            head[2] = head[2][written:]
            if head[2]:
                return
            self.pending.pop(0)

    # -- main loop ----------------------------------------------------------
    def run(self):
        quiet_since = None
        while True:
            if self.status is None:
                self.reap()
            if self.status is not None and not self.output_open:
                break

            readers = [self.wake_r]
            writers = []
            if self.output_open:
                readers.append(self.master)
            if self.control_open:
                readers.append(0)
            timeout = 0.1
            deadline = self.next_input_deadline() if self.output_open else None
            if deadline is not None:
                wait = deadline - time.monotonic()
                if wait <= 0:
                    writers.append(self.master)
                else:
                    timeout = min(timeout, wait)
            if self.status is not None:
                timeout = min(timeout, DRAIN_QUIET_SECONDS / 4)

            try:
                readable, writable, _ = select.select(readers, writers, [], timeout)
            except InterruptedError:
                continue

            if self.wake_r in readable:
                try:
                    while os.read(self.wake_r, 512):
                        pass
                except BlockingIOError:
                    pass
            relayed = 0
            if self.master in readable:
                relayed = self.relay_output()
            if 0 in readable:
                self.read_control()
            if self.master in writable or (deadline is not None and deadline <= time.monotonic()):
                self.write_input()

            if self.status is not None and self.output_open:
                # The child is gone but something may still hold the terminal:
                # drain, and give up once it has been quiet for a moment.
                now = time.monotonic()
                if relayed:
                    quiet_since = now
                elif quiet_since is None:
                    quiet_since = now
                elif now - quiet_since >= DRAIN_QUIET_SECONDS:
                    self.output_open = False
        report_terminal_modes(self.master)
        try:
            os.close(self.master)
        except OSError:
            pass
        return exit_status(self.status)


def report_terminal_modes(master):
    """Tell the test how the child left the terminal: a program that quits
    must turn raw mode off (echo and line editing back on). One line on stderr,
    marked so the harness can tell it from complaints."""
    try:
        lflag = termios.tcgetattr(master)[3]
    except (termios.error, OSError):
        return
    modes = {"echo": bool(lflag & termios.ECHO), "canonical": bool(lflag & termios.ICANON)}
    sys.stderr.write("@@terminal-modes " + json.dumps(modes) + "\n")
    sys.stderr.flush()


def die_with_parent():
    """Linux: get SIGTERM when the test process dies, so a crashed test run
    cannot leave a dashboard running (a closed stdin alone does not stop us)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError, ImportError):
        pass


def main():
    cols, rows, argv = parse_args(sys.argv)
    parent = os.getppid()
    # Our stdout is a pipe to the test; a vanished reader must not kill us
    # silently before we clean up the child.
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    # SIGCHLD wakes select() through this pipe, so the exit is noticed at once;
    # installed before the fork so that even an instant exit is not missed.
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_r, False)
    os.set_blocking(wake_w, False)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    signal.set_wakeup_fd(wake_w, warn_on_full_buffer=False)
    pid, master, slave_path = spawn(cols, rows, argv)
    driver = Driver(pid, master, slave_path, wake_r)

    def stop(signum, _frame):
        # The test gave up on us (kill()): take the whole session down with us.
        # Reap it too: in a container nothing else may, and a test checking
        # that the child is gone must not find a zombie.
        driver.signal_child(signal.SIGKILL)
        try:
            driver.reap(block=True)
        except OSError:
            pass
        os._exit(128 + signum)

    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(sig, stop)
    if sys.platform.startswith("linux"):
        die_with_parent()
        if os.getppid() != parent:  # the parent died before prctl took effect
            stop(signal.SIGTERM, None)
    stdin_was_blocking = os.get_blocking(0)
    os.set_blocking(0, False)

    try:
        code = driver.run()
    except BrokenPipeError:
        driver.signal_child(signal.SIGKILL)
        driver.reap(block=True)
        code = 128 + signal.SIGPIPE
    except BaseException as error:  # noqa: B902 - never leave the child behind
        complain("internal error: %r" % (error,))
        driver.signal_child(signal.SIGKILL)
        driver.reap(block=True)
        code = 125
    try:
        os.set_blocking(0, stdin_was_blocking)
    except OSError:
        pass
    os._exit(code)


if __name__ == "__main__":
    main()
