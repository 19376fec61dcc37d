module github.com/safeshell/safeshell

go 1.26.0
