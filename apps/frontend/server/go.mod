module todo.dev/frontend-server

go 1.24
