package main

import (
	"fmt"
	"os"
	"sync"
	"time"

	"gopkg.in/yaml.v3"
)

// role is what a certificate's subject may do.
type role string

const (
	roleNone     role = ""
	roleViewer   role = "viewer"
	roleOperator role = "operator"
	// roleSystem is the server itself (its own certificate), never named in the roles file.
	roleSystem role = "system"
)

// roles reads the roles file (a YAML map, certificate subject CN: operator | viewer) and reads it
// again whenever it changes, so a subject is added or removed without a restart.
type roles struct {
	file string

	mu      sync.Mutex
	modTime time.Time
	size    int64
	byCN    map[string]role
	err     error
}

func newRoles(file string) *roles {
	return &roles{file: file}
}

// roleOf is the subject's role; roleNone when the file does not name it.
func (r *roles) roleOf(cn string) (role, error) {
	byCN, err := r.current()
	if err != nil {
		return roleNone, err
	}
	return byCN[cn], nil
}

// current is the file's mapping, read again when its modification time or size changed. A file
// that does not read is an error until mended: no stale mapping outlives an edit.
func (r *roles) current() (map[string]role, error) {
	info, err := os.Stat(r.file)
	if err != nil {
		return nil, fmt.Errorf("roles file: %w", err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.byCN != nil || r.err != nil {
		if info.ModTime().Equal(r.modTime) && info.Size() == r.size {
			return r.byCN, r.err
		}
	}
	r.modTime, r.size = info.ModTime(), info.Size()
	r.byCN, r.err = readRoles(r.file)
	return r.byCN, r.err
}

func readRoles(file string) (map[string]role, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("roles file: %w", err)
	}
	var raw map[string]string
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("roles file %s: %w (expected lines of `subject: operator` or `subject: viewer`)", file, err)
	}
	byCN := make(map[string]role, len(raw))
	for cn, name := range raw {
		switch role(name) {
		case roleOperator, roleViewer:
			if cn == "" {
				return nil, fmt.Errorf("roles file %s: an empty subject", file)
			}
			byCN[cn] = role(name)
		default:
			return nil, fmt.Errorf("roles file %s: subject %q has role %q; the roles are operator and viewer", file, cn, name)
		}
	}
	return byCN, nil
}
