namespace Kasm { internal static class Placeholder { } }
