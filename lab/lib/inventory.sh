inventory_write() { echo TODO; }
