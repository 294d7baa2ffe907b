import { assertJava, javaBinary, parseJavaMajor } from './java';
import { JavaNotFoundError } from './errors';

describe('java detection', () => {
  it('reads modern and legacy version strings', () => {
    expect(parseJavaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaMajor('java version "1.8.0_392"')).toBe(8);
    expect(parseJavaMajor('openjdk version "21" 2023-09-19')).toBe(21);
    expect(parseJavaMajor('nonsense')).toBeUndefined();
  });

  it('prefers JAVA_HOME', () => {
    expect(javaBinary({ JAVA_HOME: '/opt/jdk' })).toBe('/opt/jdk/bin/java');
    expect(javaBinary({})).toBe('java');
  });

  it('fails with the exact install command when java is missing', () => {
    // Act
    const attempt = (): void => assertJava('/nonexistent/bin/java');
    // Assess
    expect(attempt).toThrow(JavaNotFoundError);
    expect(attempt).toThrow('sudo apt-get update && sudo apt-get install -y openjdk-17-jre-headless');
  });
});
