module todo.dev/healthcheck

go 1.24
