module kubeha.invalid/lab-node

go 1.24
