package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// stateDir is on /run: like a real runtime's, the state ends with the host's boot.
const stateDir = "/run/containerd/kubeha-lab"

type sandbox struct {
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	Namespace   string            `json:"namespace"`
	UID         string            `json:"uid"`
	Attempt     uint32            `json:"attempt"`
	Labels      map[string]string `json:"labels"`
	Annotations map[string]string `json:"annotations"`
	LogDir      string            `json:"logDir"`
	Ready       bool              `json:"ready"`
	CreatedAt   int64             `json:"createdAt"`
}

type container struct {
	ID          string            `json:"id"`
	SandboxID   string            `json:"sandboxId"`
	Name        string            `json:"name"`
	Attempt     uint32            `json:"attempt"`
	Image       string            `json:"image"`
	Binary      string            `json:"binary"`
	Args        []string          `json:"args"`
	Env         []string          `json:"env"`
	WorkingDir  string            `json:"workingDir"`
	Labels      map[string]string `json:"labels"`
	Annotations map[string]string `json:"annotations"`
	LogPath     string            `json:"logPath"`
	CreatedAt   int64             `json:"createdAt"`
	StartedAt   int64             `json:"startedAt"`
}

// exit is what the shim records when a container's process ends.
type exit struct {
	Code       int32 `json:"code"`
	FinishedAt int64 `json:"finishedAt"`
}

type store struct {
	dir string
	mu  sync.Mutex
}

func openStore(dir string) (*store, error) {
	for _, d := range []string{"sandboxes", "containers", "images"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o700); err != nil {
			return nil, err
		}
	}
	return &store{dir: dir}, nil
}

func newID() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func (s *store) path(kind, id, ext string) string { return filepath.Join(s.dir, kind, id+ext) }

func writeJSON(path string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, v)
}

func (s *store) putSandbox(sb *sandbox) error { return writeJSON(s.path("sandboxes", sb.ID, ".json"), sb) }

func (s *store) putContainer(c *container) error {
	return writeJSON(s.path("containers", c.ID, ".json"), c)
}

// sandbox finds one by full ID or unique prefix, as crictl allows.
func (s *store) sandbox(id string) (*sandbox, error) {
	full, err := s.resolve("sandboxes", id)
	if err != nil {
		return nil, err
	}
	sb := &sandbox{}
	return sb, readJSON(s.path("sandboxes", full, ".json"), sb)
}

func (s *store) container(id string) (*container, error) {
	full, err := s.resolve("containers", id)
	if err != nil {
		return nil, err
	}
	c := &container{}
	return c, readJSON(s.path("containers", full, ".json"), c)
}

var errNotFound = errors.New("not found")

func (s *store) resolve(kind, id string) (string, error) {
	if id == "" {
		return "", errNotFound
	}
	if _, err := os.Stat(s.path(kind, id, ".json")); err == nil {
		return id, nil
	}
	var found []string
	for _, candidate := range s.ids(kind) {
		if strings.HasPrefix(candidate, id) {
			found = append(found, candidate)
		}
	}
	if len(found) != 1 {
		return "", errNotFound
	}
	return found[0], nil
}

func (s *store) ids(kind string) []string {
	entries, _ := os.ReadDir(filepath.Join(s.dir, kind))
	var ids []string
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".json"); ok {
			ids = append(ids, name)
		}
	}
	sort.Strings(ids)
	return ids
}

func (s *store) sandboxes() []*sandbox {
	var out []*sandbox
	for _, id := range s.ids("sandboxes") {
		if sb, err := s.sandbox(id); err == nil {
			out = append(out, sb)
		}
	}
	return out
}

func (s *store) containers() []*container {
	var out []*container
	for _, id := range s.ids("containers") {
		if c, err := s.container(id); err == nil {
			out = append(out, c)
		}
	}
	return out
}

func (s *store) removeContainer(id string) {
	for _, ext := range []string{".json", ".pid", ".exit"} {
		_ = os.Remove(s.path("containers", id, ext))
	}
}

func (s *store) removeSandbox(id string) { _ = os.Remove(s.path("sandboxes", id, ".json")) }

// pid is the container's process id while its shim runs it, else 0.
func (s *store) pid(id string) int {
	data, err := os.ReadFile(s.path("containers", id, ".pid"))
	if err != nil {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil || pid <= 0 || syscall.Kill(pid, 0) != nil {
		return 0
	}
	return pid
}

func (s *store) exit(id string) *exit {
	e := &exit{}
	if readJSON(s.path("containers", id, ".exit"), e) != nil {
		return nil
	}
	return e
}

func now() int64 { return time.Now().UnixNano() }
