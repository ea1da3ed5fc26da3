package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// runShim runs one container's process inside its transient unit, like containerd-shim-runc-v2:
// it writes the process id, copies its output to the CRI log in the CRI format, and records
// the exit code when the process ends.
func runShim(id string) int {
	st, err := openStore(stateDir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	c, err := st.container(id)
	if err != nil {
		fmt.Fprintln(os.Stderr, "shim: container", id, err)
		return 1
	}
	var log io.Writer = io.Discard
	if c.LogPath != "" {
		_ = os.MkdirAll(filepath.Dir(c.LogPath), 0o755)
		if f, err := os.OpenFile(c.LogPath, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o640); err == nil {
			defer f.Close()
			log = f
		}
	}
	cmd := exec.Command(c.Binary, c.Args...)
	cmd.Env = c.Env
	cmd.Dir = c.WorkingDir
	if cmd.Dir == "" {
		cmd.Dir = "/"
	}
	stdout, _ := cmd.StdoutPipe()
	stderr, _ := cmd.StderrPipe()
	var mu sync.Mutex
	var copying sync.WaitGroup
	for stream, r := range map[string]io.Reader{"stdout": stdout, "stderr": stderr} {
		copying.Add(1)
		go func() {
			defer copying.Done()
			scanner := bufio.NewScanner(r)
			scanner.Buffer(make([]byte, 64*1024), 1024*1024)
			for scanner.Scan() {
				mu.Lock()
				fmt.Fprintf(log, "%s %s F %s\n", time.Now().UTC().Format(time.RFC3339Nano), stream, scanner.Text())
				mu.Unlock()
			}
		}()
	}
	code := int32(128)
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(log, "%s stderr F %v\n", time.Now().UTC().Format(time.RFC3339Nano), err)
	} else {
		_ = os.WriteFile(st.path("containers", id, ".pid"), []byte(strconv.Itoa(cmd.Process.Pid)), 0o600)
		go func() {
			for sig := range signals {
				_ = cmd.Process.Signal(sig)
			}
		}()
		copying.Wait()
		err := cmd.Wait()
		code = int32(cmd.ProcessState.ExitCode())
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			code = 128 + int32(ws.Signal())
		}
		_ = err
	}
	_ = writeJSON(st.path("containers", id, ".exit"), &exit{Code: code, FinishedAt: now()})
	_ = os.Remove(st.path("containers", id, ".pid"))
	return 0
}
