import ArgumentParser
import DienHinhResources

/// The user's language for the command line, known before swift-argument-parser builds a help screen:
/// `DienHinh.main` sets it from `--lang` in the raw arguments, else the environment (as `Language.resolve`).
/// Configurations and property wrappers read it lazily, when the parser first looks at a command.
nonisolated(unsafe) var commandLineLanguage = Language.resolve(flag: nil)

/// The strings of the command line's language.
var commandLineStrings: Strings { Strings.for(commandLineLanguage) }

/// An option's, flag's or argument's help from the string tables (`help.<command path>.<name>`).
func helpText(_ key: String) -> ArgumentHelp { ArgumentHelp(commandLineStrings(key)) }

/// A command's abstract from the string tables (`help.<command path>.abstract`).
func abstractText(_ key: String) -> String { commandLineStrings(key) }
