// kubeha-temporal-server is the Temporal server (go.temporal.io/server, as its cmd/server starts
// it) with kubeha's authorization: a claim mapper that gives each client certificate's subject the
// role a roles file names, and an authorizer that lets each role do only its part.
// See docs/temporal-server.md.
package main

import (
	"crypto/x509"
	"encoding/pem"
	"flag"
	"fmt"
	"os"
	_ "time/tzdata" // embed tzdata as a fallback, as cmd/server does

	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/config"
	"go.temporal.io/server/common/log"
	"go.temporal.io/server/common/log/tag"
	_ "go.temporal.io/server/common/persistence/sql/sqlplugin/postgresql" // the stack's store
	"go.temporal.io/server/temporal"
)

func main() {
	configFile := flag.String("config-file", "", "the server's config (YAML), as cmd/server's --config-file")
	rolesFile := flag.String("roles", "", "the roles file: one `subject: role` per client certificate CN")
	flag.Parse()
	if *configFile == "" || *rolesFile == "" || flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: kubeha-temporal-server --config-file FILE --roles FILE")
		os.Exit(2)
	}
	if err := run(*configFile, *rolesFile); err != nil {
		fmt.Fprintln(os.Stderr, "kubeha-temporal-server:", err)
		os.Exit(1)
	}
}

func run(configFile, rolesFile string) error {
	cfg, err := config.Load(config.WithConfigFile(configFile))
	if err != nil {
		return fmt.Errorf("unable to load configuration: %w", err)
	}
	logger := log.NewZapLogger(log.BuildZapLogger(cfg.Log))
	roles := newRoles(rolesFile)
	// A roles file that does not read refuses the start; later, it refuses every client until mended.
	if _, err := roles.current(); err != nil {
		return err
	}
	serverKey, err := publicKeyOf(cfg.Global.TLS.SystemWorker.CertFile)
	if err != nil {
		return fmt.Errorf("the server's own certificate (global.tls.systemWorker.certFile): %w", err)
	}
	mapper := &certificateClaims{roles: roles, serverKey: serverKey}
	logger.Info("kubeha authorization on", tag.NewStringTag("roles-file", rolesFile))
	s, err := temporal.NewServer(
		temporal.ForServices(temporal.DefaultServices),
		temporal.WithConfig(cfg),
		temporal.WithLogger(logger),
		temporal.InterruptOn(temporal.InterruptCh()),
		temporal.WithAuthorizer(&roleAuthorizer{logger: logger}),
		temporal.WithClaimMapper(func(*config.Config) authorization.ClaimMapper { return mapper }),
	)
	if err != nil {
		return fmt.Errorf("unable to create the server: %w", err)
	}
	return s.Start()
}

// publicKeyOf reads a PEM certificate's public key (DER SubjectPublicKeyInfo).
func publicKeyOf(certFile string) ([]byte, error) {
	if certFile == "" {
		return nil, fmt.Errorf("not set")
	}
	data, err := os.ReadFile(certFile)
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "CERTIFICATE" {
		return nil, fmt.Errorf("%s holds no PEM certificate", certFile)
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", certFile, err)
	}
	return cert.RawSubjectPublicKeyInfo, nil
}
