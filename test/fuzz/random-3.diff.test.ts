/** Random differential suite, share 3 of 3 (see random-suite.ts). */
import { randomSuite } from './random-suite.js';

randomSuite(3001);
