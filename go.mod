module github.com/safeshell/safeshell

go 1.26.0

require (
	github.com/google/go-cmp v0.7.0
	mvdan.cc/sh/v3 v3.14.1
	pgregory.net/rapid v1.3.0
)
