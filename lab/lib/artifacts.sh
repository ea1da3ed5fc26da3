artifacts_build() { mkdir -p "$LAB/www"; }
