//go:build kubeha_flannel_shim

// The lab's CNI 1.0 shim around the flannel CNI plugin of containernetworking/plugins v0.9.1, the
// only flannel plugin the module proxy serves (lab/README.md). That plugin speaks CNI up to 0.4.0;
// flannel's manifest writes a 1.0.0 network config. lab/bin/build-node copies this file into the
// plugin's package and renames the plugin's own main, so this main runs its cmdAdd, cmdCheck and
// cmdDel: a 1.x config is handed to them as 0.4.0, and their 0.4.0 result goes back as 1.0.0 (the
// same result less each IP's "version"). Lab-only: never part of what kubeha renders.
package main

import (
	"encoding/json"
	"io"
	"os"
	"strings"

	"github.com/containernetworking/cni/pkg/skel"
	"github.com/containernetworking/cni/pkg/version"
	bv "github.com/containernetworking/plugins/pkg/utils/buildversion"
)

const spoken = "0.4.0"

func main() {
	in, _ := io.ReadAll(os.Stdin)
	asked := ""
	var conf map[string]interface{}
	if json.Unmarshal(in, &conf) == nil {
		if v, ok := conf["cniVersion"].(string); ok && strings.HasPrefix(v, "1.") {
			asked = v
			conf["cniVersion"] = spoken
			delete(conf, "prevResult") // in 1.0's form; the plugin does not read it
			in, _ = json.Marshal(conf)
		}
	}
	stdin, feed, _ := os.Pipe()
	go func() { feed.Write(in); feed.Close() }()
	os.Stdin = stdin

	realOut := os.Stdout
	read, write, _ := os.Pipe()
	os.Stdout = write
	captured := make(chan []byte)
	go func() { b, _ := io.ReadAll(read); captured <- b }()
	failure := skel.PluginMainWithError(cmdAdd, cmdCheck, cmdDel, version.All, bv.BuildString("flannel"))
	write.Close()
	out := <-captured
	os.Stdout = realOut
	if failure != nil {
		failure.Print()
		os.Exit(1)
	}
	if asked != "" {
		out = asVersion(out, asked, os.Getenv("CNI_COMMAND") == "VERSION")
	}
	realOut.Write(out)
}

// asVersion rewrites the plugin's 0.4.0 answer for a 1.x caller: a result without each IP's
// "version", or VERSION's list with the asked version added.
func asVersion(out []byte, asked string, versionCommand bool) []byte {
	var answer map[string]interface{}
	if len(out) == 0 || json.Unmarshal(out, &answer) != nil {
		return out
	}
	answer["cniVersion"] = asked
	if versionCommand {
		if list, ok := answer["supportedVersions"].([]interface{}); ok {
			answer["supportedVersions"] = append(list, asked)
		}
	} else if ips, ok := answer["ips"].([]interface{}); ok {
		for _, ip := range ips {
			if m, ok := ip.(map[string]interface{}); ok {
				delete(m, "version")
			}
		}
	}
	b, err := json.Marshal(answer)
	if err != nil {
		return out
	}
	return b
}
