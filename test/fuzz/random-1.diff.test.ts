/** Random differential suite, share 1 of 3 (see random-suite.ts). */
import { randomSuite } from './random-suite.js';

randomSuite(1001);
