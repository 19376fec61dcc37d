package shelltest

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// Session is an interactive bash (`bash --norc --noprofile -i`) on a
// pseudo-terminal, for what a person types or pastes: the line editor
// (readline) acts on control characters, and history expansion is on. Type
// sends a line and returns the printer calls it caused.
//
// The terminal is opened with the standard library: /dev/ptmx, unlocked
// with TIOCSPTLCK, its number from TIOCGPTN; bash is its session leader
// with the terminal as controlling terminal. The environment is that of
// [Shell.Run] plus TERM=dumb, a PS1 and PS2 the harness recognises, a
// PROMPT_COMMAND that tells it when a line is done, HISTFILE= (no history
// file) and INPUTRC=/dev/null (no system readline configuration).
//
// A Session is not safe for concurrent use. It is closed when the test
// ends, killing everything bash started.
type Session struct {
	t       testing.TB
	cmd     *exec.Cmd
	master  *os.File
	slave   *os.File // kept open to read the line discipline's mode
	outPath string
	sentry  string // argument of the PROMPT_COMMAND call
	ps2     string
	timeout time.Duration

	mu     sync.Mutex
	screen bytes.Buffer  // everything bash wrote to the terminal
	wake   chan struct{} // poked when screen grows
	done   chan struct{} // closed when the reader stops

	seen   int // records of the printer consumed
	closed bool
}

// ErrIncomplete is returned by [Session.Type] when bash asked for more input
// (printed PS2) after the line: an open quote or a trailing backslash. The
// harness sends Ctrl-C to abandon the command.
var ErrIncomplete = errors.New("shelltest: bash wants more input (PS2) after the typed line")

// StartInteractive starts an interactive bash on a pseudo-terminal and
// waits until it is ready for input. Of the options, WithEnv, WithLocale,
// WithDir and WithTimeout apply (the timeout bounds each step: start, each
// Type, Close).
func StartInteractive(t testing.TB, opts ...Option) *Session {
	t.Helper()
	sh := ShellNamed(t, "bash")
	c := newConfig(opts)
	RequireLocale(t, c.locale)
	bin := PrinterDir(t)
	dir := c.dir
	if dir == "" {
		dir = Dir(t)
	}

	var nonce [6]byte
	if _, err := rand.Read(nonce[:]); err != nil {
		t.Fatalf("shelltest: %v", err)
	}
	n := hex.EncodeToString(nonce[:])
	s := &Session{
		t:       t,
		sentry:  "shqprompt" + n,
		ps2:     "<ps2-" + n + ">",
		timeout: c.timeout,
		wake:    make(chan struct{}, 1),
		done:    make(chan struct{}),
	}

	out, err := os.CreateTemp("", "shelltest-argv-")
	if err != nil {
		t.Fatalf("shelltest: %v", err)
	}
	s.outPath = out.Name()
	out.Close()

	s.master, s.slave, err = openPty()
	if err != nil {
		os.Remove(s.outPath)
		Missing(t, "cannot open a pseudo-terminal: %v", err)
	}

	env := mergeEnv([]string{
		"PATH=" + bin + string(filepath.ListSeparator) + "/usr/local/bin:/usr/bin:/bin",
		"HOME=" + Home(t),
		"LC_ALL=" + c.locale,
		"LANGUAGE=en",
		"SHQ_ARGV_OUT=" + s.outPath,
		"TERM=dumb",
		"PS1=<ps1-" + n + "> ",
		"PS2=" + s.ps2 + " ",
		"PROMPT_COMMAND=" + PrinterName + " " + s.sentry,
		"HISTFILE=",
		"INPUTRC=/dev/null",
	}, c.env)
	s.cmd = exec.Command(sh.Path, "--norc", "--noprofile", "-i")
	s.cmd.Env = env
	s.cmd.Dir = dir
	s.cmd.Stdin, s.cmd.Stdout, s.cmd.Stderr = s.slave, s.slave, s.slave
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := s.cmd.Start(); err != nil {
		s.master.Close()
		s.slave.Close()
		os.Remove(s.outPath)
		t.Fatalf("shelltest: starting interactive bash: %v", err)
	}
	go s.read()
	t.Cleanup(func() { _ = s.Close() })

	if _, err := s.waitPrompt(); err != nil {
		t.Fatalf("shelltest: interactive bash did not become ready: %v\nterminal: %s", err, s.Screen())
	}
	return s
}

// read copies the terminal's output into s.screen until the master closes.
func (s *Session) read() {
	defer close(s.done)
	buf := make([]byte, 4096)
	for {
		n, err := s.master.Read(buf)
		if n > 0 {
			s.mu.Lock()
			s.screen.Write(buf[:n])
			s.mu.Unlock()
			select {
			case s.wake <- struct{}{}:
			default:
			}
		}
		if err != nil {
			return
		}
	}
}

// Screen returns everything bash has written to the terminal so far (the
// echo of typed text included), quoted for a test message.
func (s *Session) Screen() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return clip(s.screen.String(), 4000)
}

// Type types line followed by a carriage return (the Enter key), as a
// person would, waits until bash is ready for the next line, and returns the
// argument vectors of the printer calls the line caused. The bytes are
// sent as they are: control characters reach the line editor.
//
// If bash prints PS2 and waits for more, Type sends Ctrl-C and returns the
// calls so far with [ErrIncomplete]. If bash is not ready again within the
// timeout it returns [ErrTimeout]; the session is then unusable.
func (s *Session) Type(line string) ([][]string, error) {
	s.t.Helper()
	if s.closed {
		return nil, errors.New("shelltest: Type on a closed Session")
	}
	s.mu.Lock()
	mark := s.screen.Len()
	s.mu.Unlock()
	if err := s.master.SetWriteDeadline(time.Now().Add(s.timeout)); err != nil {
		return nil, err
	}
	if _, err := s.master.Write([]byte(line + "\r")); err != nil {
		return nil, fmt.Errorf("shelltest: typing: %w", err)
	}
	calls, err := s.waitPromptAfter(mark)
	if errors.Is(err, ErrIncomplete) {
		if _, werr := s.master.Write([]byte{0x03}); werr != nil {
			return calls, werr
		}
		more, werr := s.waitPrompt()
		calls = append(calls, more...)
		if werr != nil {
			return calls, fmt.Errorf("%w; then after Ctrl-C: %v", err, werr)
		}
	}
	return calls, err
}

// waitPrompt waits until bash has run PROMPT_COMMAND and its line editor
// is reading the terminal, and returns the calls made before that.
func (s *Session) waitPrompt() ([][]string, error) {
	s.mu.Lock()
	mark := s.screen.Len()
	s.mu.Unlock()
	return s.waitPromptAfter(mark)
}

// waitPromptAfter is waitPrompt, looking for PS2 in the terminal output
// after byte mark.
func (s *Session) waitPromptAfter(mark int) ([][]string, error) {
	deadline := time.Now().Add(s.timeout)
	var calls [][]string
	sawSentry := false
	ps2Size, ps2Since := -1, time.Time{}
	for {
		if !sawSentry {
			data, err := os.ReadFile(s.outPath)
			if err != nil {
				return calls, err
			}
			recs, err := parseRecords(data)
			if err != nil {
				// A record being written: read again.
				recs = recs[:max(len(recs)-1, 0)]
			}
			for ; s.seen < len(recs); s.seen++ {
				r := recs[s.seen]
				if len(r) == 1 && r[0] == s.sentry {
					sawSentry = true
					s.seen++
					break
				}
				calls = append(calls, r)
			}
		}
		if sawSentry {
			// PROMPT_COMMAND ran; readline switches the terminal out
			// of canonical mode before it reads. Typing earlier would
			// let the kernel's line discipline act on control
			// characters instead of readline.
			if raw, err := s.editing(); err != nil {
				return calls, err
			} else if raw {
				return calls, nil
			}
		} else {
			s.mu.Lock()
			size := s.screen.Len()
			tail := bytes.TrimRight(s.screen.Bytes()[min(mark, size):], " ")
			s.mu.Unlock()
			// PS2 at the end of the output may be passing: a CR inside
			// quotes shows it, then the rest of the typed text follows.
			// It means "incomplete" only once bash has read all the
			// input and stays quiet.
			if bytes.HasSuffix(tail, []byte(s.ps2)) {
				if size != ps2Size {
					ps2Size, ps2Since = size, time.Now()
				} else if time.Since(ps2Since) > 150*time.Millisecond {
					if n, err := s.pendingInput(); err == nil && n == 0 {
						return calls, ErrIncomplete
					}
				}
			}
		}
		if time.Now().After(deadline) {
			return calls, fmt.Errorf("%w after %v waiting for the prompt", ErrTimeout, s.timeout)
		}
		select {
		case <-s.wake:
		case <-s.done:
			if !sawSentry {
				return calls, errors.New("shelltest: interactive bash closed the terminal")
			}
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// editing reports whether the terminal is out of canonical mode, as
// readline sets it while it reads a line.
func (s *Session) editing() (bool, error) {
	var tio syscall.Termios
	if err := ioctl(s.slave, syscall.TCGETS, unsafe.Pointer(&tio)); err != nil {
		return false, err
	}
	return tio.Lflag&syscall.ICANON == 0, nil
}

// pendingInput returns the number of typed bytes bash has not read yet.
func (s *Session) pendingInput() (int, error) {
	var n int32
	err := ioctl(s.slave, syscall.TIOCINQ, unsafe.Pointer(&n))
	return int(n), err
}

// Close ends the session: it hangs up the terminal (bash exits on SIGHUP
// and passes it to its jobs), kills bash if it is still there after the
// timeout, then kills every process left in bash's session, and reaps bash.
// It is called when the test ends; calling it again does nothing.
func (s *Session) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	defer os.Remove(s.outPath)
	pid := s.cmd.Process.Pid
	s.master.Close()
	s.slave.Close()

	exited := make(chan struct{})
	go func() {
		_ = waitExited(pid)
		close(exited)
	}()
	select {
	case <-exited:
	case <-time.After(s.timeout):
		_ = syscall.Kill(pid, syscall.SIGKILL)
		<-exited
	}
	// bash is a zombie now, so its session ID cannot be reused yet.
	killSession(pid)
	<-s.done
	err := s.cmd.Wait()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		err = nil // killed by the hangup, or exited non-zero: expected
	}
	return err
}

// killSession sends SIGKILL to every process whose session ID is sid.
func killSession(sid int) {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return
	}
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == sid {
			continue
		}
		data, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid pgrp session …; comm may hold spaces
		// and parentheses, so split after the last ')'.
		i := bytes.LastIndexByte(data, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(data[i+1:]))
		if len(f) > 3 && f[3] == strconv.Itoa(sid) {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	}
}

// Interactive types `printargs LINE` into a fresh interactive bash
// ([StartInteractive]) and returns the words of the printer's one call. It
// returns an error, with the terminal's contents, if the line did not make
// exactly one call or bash wanted more input.
func Interactive(t testing.TB, line string, opts ...Option) ([]string, error) {
	t.Helper()
	s := StartInteractive(t, opts...)
	defer s.Close()
	calls, err := s.Type(PrinterName + " " + line)
	if err == nil && len(calls) != 1 {
		err = fmt.Errorf("shelltest: want one call of the printer, got %s", FormatCalls(calls))
	}
	if err != nil {
		return nil, fmt.Errorf("%w\nterminal: %s", err, s.Screen())
	}
	return calls[0], nil
}

// openPty opens a pseudo-terminal pair with the standard library only.
func openPty() (master, slave *os.File, err error) {
	master, err = os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, nil, err
	}
	var unlock int32
	if err := ioctl(master, syscall.TIOCSPTLCK, unsafe.Pointer(&unlock)); err != nil {
		master.Close()
		return nil, nil, fmt.Errorf("unlockpt: %w", err)
	}
	var n uint32
	if err := ioctl(master, syscall.TIOCGPTN, unsafe.Pointer(&n)); err != nil {
		master.Close()
		return nil, nil, fmt.Errorf("ptsname: %w", err)
	}
	slave, err = os.OpenFile("/dev/pts/"+strconv.FormatUint(uint64(n), 10), os.O_RDWR|syscall.O_NOCTTY|syscall.O_CLOEXEC, 0)
	if err != nil {
		master.Close()
		return nil, nil, err
	}
	// Wide enough that readline never scrolls a long line horizontally
	// (TERM=dumb), which would redraw parts of it.
	ws := struct{ rows, cols, x, y uint16 }{rows: 50, cols: 4000}
	if err := ioctl(slave, syscall.TIOCSWINSZ, unsafe.Pointer(&ws)); err != nil {
		master.Close()
		slave.Close()
		return nil, nil, fmt.Errorf("TIOCSWINSZ: %w", err)
	}
	return master, slave, nil
}

// ioctl runs an ioctl on f without f.Fd, which would take the file out of
// the runtime poller (then Close no longer interrupts a blocked Read).
func ioctl(f *os.File, req uint, arg unsafe.Pointer) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var errno syscall.Errno
	if err := rc.Control(func(fd uintptr) {
		_, _, errno = syscall.Syscall(syscall.SYS_IOCTL, fd, uintptr(req), uintptr(arg))
	}); err != nil {
		return err
	}
	if errno != 0 {
		return errno
	}
	return nil
}
