// web: the lab's HTTP test workload. Every answer names who answered, so a check can see which Pod
// and node served it:
//
//	GET /         -> "pod=<POD_NAME or hostname> node=<NODE_NAME> ip=<POD_IP> path=<path>\n"
//	GET /healthz  -> "ok\n"
//
// Listens on -listen (default :8080, or $PORT). SIGTERM closes the listener and ends with 0.
// `web -get URL` is the client a check runs inside a Pod (`kubectl exec`): it prints the answer's
// body and exits 0 on a 200 within 5 s, else prints why and exits 1.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

var version = "1.1"

func main() {
	addr := ":8080"
	if p := os.Getenv("PORT"); p != "" {
		addr = ":" + p
	}
	listen := flag.String("listen", addr, "address to listen on")
	showVersion := flag.Bool("version", false, "print the version and exit")
	get := flag.String("get", "", "GET this URL, print the body and exit (1 unless 200)")
	flag.Parse()
	if *showVersion {
		fmt.Println("kubeha web", version)
		return
	}
	if *get != "" {
		os.Exit(fetch(*get))
	}
	host, _ := os.Hostname()
	pod := os.Getenv("POD_NAME")
	if pod == "" {
		pod = host
	}
	node, ip := os.Getenv("NODE_NAME"), os.Getenv("POD_IP")
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") })
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "pod=%s node=%s ip=%s path=%s\n", pod, node, ip, r.URL.Path)
	})
	srv := &http.Server{Addr: *listen, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		sigs := make(chan os.Signal, 1)
		signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
		<-sigs
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}()
	log.Printf("kubeha web %s: pod=%s node=%s listening on %s", version, pod, node, *listen)
	if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		log.Fatal(err)
	}
}

func fetch(url string) int {
	client := &http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(url)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	os.Stdout.Write(body)
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintln(os.Stderr, url+": "+resp.Status)
		return 1
	}
	return 0
}
