/** Random differential suite, share 2 of 3 (see random-suite.ts). */
import { randomSuite } from './random-suite.js';

randomSuite(2001);
