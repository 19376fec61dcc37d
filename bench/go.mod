module github.com/safeshell/safeshell/bench

go 1.26.0

replace github.com/safeshell/safeshell => ../

require (
	al.essio.dev/pkg/shellescape v1.6.1
	github.com/alessio/shellescape v1.4.2
	github.com/distribution/reference v0.6.0
	github.com/google/shlex v0.0.0-20191202100458-e7afc7fbc510
	github.com/kballard/go-shellquote v0.0.0-20180428030007-95032a82bc51
	github.com/mattn/go-shellwords v1.0.16
	github.com/safeshell/safeshell v0.0.0
	mvdan.cc/sh/v3 v3.14.1
)

require github.com/opencontainers/go-digest v1.0.0 // indirect
