import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';

// toHaveResourceWithProperties & co.
Testing.setupJest();
