// Full screen for the presentation: the real window, through the IPC module. It may fail
// (no Tauri in tests, a permission missing, a window manager that refuses): the
// presentation then fills the window it has, and nothing else changes.
import { appWindow } from "../../ipc";

/** Takes the window full screen or back; answers whether that worked. */
export async function setFullscreen(on: boolean): Promise<boolean> {
  try {
    await appWindow.setFullscreen(on);
    return true;
  } catch {
    return false;
  }
}
