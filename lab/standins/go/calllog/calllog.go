// Package calllog appends one line per stand-in call to the lab host's call log, in the format
// every lab stand-in and shim shares: time, program, arguments, exit (or "started"), duration ms.
package calllog

import (
	"fmt"
	"os"
	"strings"
	"time"
)

// Path is where every stand-in of a lab host logs its calls.
const Path = "/var/log/kubeha-lab/calls.log"

// Log appends one call; errors are ignored (a missing log must not break the program).
func Log(program string, args []string, result string, started time.Time) {
	line := fmt.Sprintf("%s\t%s\t%s\t%s\t%d\n", time.Now().Format(time.RFC3339), program,
		strings.Join(args, " "), result, time.Since(started).Milliseconds())
	f, err := os.OpenFile(Path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	_, _ = f.WriteString(line)
}
