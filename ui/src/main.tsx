import { createRoot } from "react-dom/client";
import { App } from "./App";
import "./styles/base.css";

window.__jmCardRenders = 0;

const root = document.getElementById("root");
if (root === null) throw new Error("index.html has no #root element");
createRoot(root).render(<App />);
