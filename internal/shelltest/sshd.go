package shelltest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// LoginUsers are the local users the sshd tests log in as, one per login
// shell: the user shq-NAME has the shell NAME (csh is bsd-csh). CI creates
// them (.ci/run: useradd -m -s SHELL -p '*' shq-NAME; '*' rather than the
// locked '!', which sshd refuses without PAM).
var LoginUsers = []string{"shq-dash", "shq-bash", "shq-zsh", "shq-fish", "shq-tcsh", "shq-csh"}

// LoginShellOf returns the login shell of a local user as /etc/passwd
// gives it, or "" if there is no such user.
func LoginShellOf(user string) string {
	data, err := os.ReadFile("/etc/passwd")
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Split(line, ":")
		if len(f) == 7 && f[0] == user {
			return f[6]
		}
	}
	return ""
}

// SSHD is an OpenSSH server started by [StartSSHD] for one test.
type SSHD struct {
	// Port is the TCP port it listens on, on 127.0.0.1 only.
	Port int
	// Key is the path of the client's private key (ed25519, no
	// passphrase), which every user of the server accepts.
	Key string
	// KnownHosts is the path of a known_hosts file that holds the server's
	// host key for [127.0.0.1]:Port.
	KnownHosts string
	// HostKey is the server's public host key in authorized_keys format.
	HostKey []byte
	// Log is the path of the server's log (sshd -E).
	Log string
}

// StartSSHD starts OpenSSH's sshd (/usr/sbin/sshd) on a free port of
// 127.0.0.1 for users, with a host key and a client key made for the test
// (ssh-keygen) in a temporary directory, its own sshd_config (public-key
// authentication only, no PAM, no StrictModes, no environment accepted from
// the client), and authorized keys read from that directory, so no home
// directory is written. It must run as root, as sshd does. The server and
// every process it started are killed when the test ends, pass or fail.
// A missing sshd, ssh-keygen or user, or a test not run as root, calls
// [Missing].
func StartSSHD(t testing.TB, users ...string) *SSHD {
	t.Helper()
	const sshd = "/usr/sbin/sshd"
	if _, err := os.Stat(sshd); err != nil {
		Missing(t, "OpenSSH server %s: %v (Debian package openssh-server)", sshd, err)
	}
	keygen, err := exec.LookPath("ssh-keygen")
	if err != nil {
		Missing(t, "ssh-keygen: %v (Debian package openssh-client)", err)
	}
	if os.Geteuid() != 0 {
		Missing(t, "sshd must run as root to log in as other users")
	}
	for _, u := range users {
		if LoginShellOf(u) == "" {
			Missing(t, "local user %s does not exist (see .ci/run)", u)
		}
	}
	// The privilege separation directory sshd requires.
	if err := os.MkdirAll("/run/sshd", 0o755); err != nil {
		t.Fatalf("shelltest: %v", err)
	}
	// Not t.TempDir: its parent is private to root, and sshd reads the
	// authorized keys as the user.
	dir, err := os.MkdirTemp("", "shelltest-sshd-")
	if err != nil {
		t.Fatalf("shelltest: %v", err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	s := &SSHD{Key: filepath.Join(dir, "client"), KnownHosts: filepath.Join(dir, "known_hosts"), Log: filepath.Join(dir, "sshd.log")}
	hostKey := filepath.Join(dir, "host")
	for _, k := range []string{hostKey, s.Key} {
		if out, err := exec.Command(keygen, "-q", "-t", "ed25519", "-N", "", "-C", "shelltest", "-f", k).CombinedOutput(); err != nil {
			t.Fatalf("shelltest: ssh-keygen: %v\n%s", err, out)
		}
	}
	pub, err := os.ReadFile(s.Key + ".pub")
	if err != nil {
		t.Fatalf("shelltest: %v", err)
	}
	if s.HostKey, err = os.ReadFile(hostKey + ".pub"); err != nil {
		t.Fatalf("shelltest: %v", err)
	}
	for _, u := range users {
		if err := os.WriteFile(filepath.Join(dir, u+".keys"), pub, 0o644); err != nil {
			t.Fatalf("shelltest: %v", err)
		}
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatalf("shelltest: %v", err)
	}

	var lastErr error
	for range 5 { // another process may take the free port first
		port, err := freePort()
		if err != nil {
			t.Fatalf("shelltest: %v", err)
		}
		s.Port = port
		config := filepath.Join(dir, "sshd_config")
		conf := strings.Join([]string{
			"Port " + strconv.Itoa(port),
			"ListenAddress 127.0.0.1",
			"HostKey " + hostKey,
			"PidFile none",
			"AuthorizedKeysFile " + filepath.Join(dir, "%u.keys"),
			"AuthenticationMethods publickey",
			"PubkeyAuthentication yes",
			"PasswordAuthentication no",
			"KbdInteractiveAuthentication no",
			"StrictModes no",
			"UsePAM no",
			"PermitRootLogin no",
			"PermitUserEnvironment no",
			"PrintMotd no",
			"PrintLastLog no",
			"X11Forwarding no",
			"AllowTcpForwarding no",
			"AllowAgentForwarding no",
			"LogLevel ERROR",
			"AllowUsers " + strings.Join(users, " "),
			// No AcceptEnv line: the client's environment reaches no
			// user. The server's own default PATH is used.
			"",
		}, "\n")
		if err := os.WriteFile(config, []byte(conf), 0o644); err != nil {
			t.Fatalf("shelltest: %v", err)
		}
		cmd := exec.Command(sshd, "-D", "-e", "-f", config, "-E", s.Log)
		setGroup(cmd)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatalf("shelltest: starting sshd: %v", err)
		}
		exited := make(chan struct{})
		go func() { _ = cmd.Wait(); close(exited) }()
		stop := sync.OnceFunc(func() {
			killGroup(cmd.Process.Pid)
			<-exited
		})
		t.Cleanup(stop)
		if lastErr = waitListening(port, exited); lastErr == nil {
			known := fmt.Sprintf("[127.0.0.1]:%d %s", port, s.HostKey)
			if err := os.WriteFile(s.KnownHosts, []byte(known), 0o644); err != nil {
				t.Fatalf("shelltest: %v", err)
			}
			return s
		}
		stop()
		log, _ := os.ReadFile(s.Log)
		lastErr = fmt.Errorf("%v: %s%s", lastErr, stderr.Bytes(), log)
	}
	t.Fatalf("shelltest: sshd did not start: %v", lastErr)
	return nil
}

// freePort returns a TCP port of 127.0.0.1 that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitListening waits until something accepts connections on port and
// answers with an SSH banner, or the server exits.
func waitListening(port int, exited <-chan struct{}) error {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return errors.New("sshd exited")
		default:
		}
		c, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(port), time.Second)
		if err == nil {
			_ = c.SetReadDeadline(time.Now().Add(2 * time.Second))
			line, _ := bufio.NewReader(c).ReadString('\n')
			c.Close()
			if strings.HasPrefix(line, "SSH-") {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return errors.New("sshd did not answer within 10 s")
}

// SSHArgs returns the options of the OpenSSH client for this server, to
// come before "--" and the destination: batch mode, the test's key and
// known_hosts, no configuration file, no environment sent.
func (s *SSHD) SSHArgs() []string {
	return []string{"-F", "/dev/null", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
		"-o", "UserKnownHostsFile=" + s.KnownHosts, "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR",
		"-i", s.Key, "-p", strconv.Itoa(s.Port)}
}

// RemotePrinter returns the path of a copy of the argv printer that every
// user can run, in a temporary directory readable by all, for commands run
// as another user (through sshd, su or sudo). Without $SHQ_ARGV_OUT (which
// sshd does not pass) the printer writes its records to standard output;
// decode them with [ParseRecords].
func RemotePrinter(t testing.TB) string {
	t.Helper()
	src := filepath.Join(PrinterDir(t), PrinterName)
	dir, err := os.MkdirTemp("", "shelltest-remote-")
	if err != nil {
		t.Fatalf("shelltest: %v", err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatalf("shelltest: %v", err)
	}
	in, err := os.Open(src)
	if err != nil {
		t.Fatalf("shelltest: %v", err)
	}
	defer in.Close()
	dst := filepath.Join(dir, PrinterName)
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_EXCL, 0o755)
	if err != nil {
		t.Fatalf("shelltest: %v", err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatalf("shelltest: %v", err)
	}
	if err := out.Close(); err != nil {
		t.Fatalf("shelltest: %v", err)
	}
	return dst
}

// ParseRecords decodes what the printer wrote to standard output: one
// argument vector per call, strictly (anything else is an error).
func ParseRecords(data []byte) ([][]string, error) { return parseRecords(data) }
