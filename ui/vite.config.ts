import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Builds the UI into dist/, which the Tauri shell serves. Relative asset paths keep the
// bundle working from any base the webview uses.
export default defineConfig({
  base: "./",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
  },
  test: {
    include: ["src/**/*.test.{ts,tsx}"],
    environment: "node",
  },
});
