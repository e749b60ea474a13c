// The story page: only the keys every lesson page shares (a file, not inline, so the page's CSP allows it).

import { bindLessonKeys } from "./page.js";

bindLessonKeys();
