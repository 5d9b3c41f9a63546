import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Ports and host match the nx targets in project.json (serve: 5173, preview: 4173).
export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
