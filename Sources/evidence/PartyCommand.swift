import EvidenceModel
import EvidenceWorkspace
import ArgumentParser
import Foundation

extension Evidence {
    /// `evidence party …`: the people the case is about.
    struct Party: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record who the case is about (victim, suspect, witness) and the accounts, numbers and addresses they use.",
            discussion: "Parties are journaled and listed in the manifest of the next bundle and in its exports.",
            subcommands: [Add.self, List.self, Remove.self, Suggest.self])
    }
}

extension CaseParty.Role: ExpressibleByArgument {}

extension Evidence.Party {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a party of the case.")

        @OptionGroup var output: OutputOptions

        @OptionGroup var caseOptions: CaseOptions

        @Argument(help: "The person's name as you know it, e.g. \"Lucas\".")
        var name: String

        @Option(help: "victim, suspect, witness or other.")
        var role: CaseParty.Role

        @Option(name: .customLong("handle"), help: "An account as PLATFORM:ID, e.g. instagram:lucas.vdb (repeatable).")
        var handles: [String] = []

        @Option(name: .customLong("phone"), help: "A phone number, as written (repeatable).")
        var phones: [String] = []

        @Option(name: .customLong("email"), help: "An e-mail address (repeatable).")
        var emails: [String] = []

        func validate() throws {
            if let handle = handles.first(where: { CaseParty.Handle(parsing: $0) == nil }) {
                throw ValidationError("--handle “\(handle)” is not PLATFORM:ID; write e.g. --handle instagram:lucas.vdb.")
            }
        }

        func run() throws {
            try runReportingFailures {
                let party = try caseOptions.openCase().addParty(
                    name: name, role: role, handles: handles.compactMap(CaseParty.Handle.init(parsing:)),
                    phones: phones, emails: emails)
                print("party #\(party.id) \(describe(party))")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the parties of the case.")

        @OptionGroup var output: OutputOptions

        @OptionGroup var caseOptions: CaseOptions

        @Flag(help: "Print the parties as JSON.")
        var json = false

        func run() throws {
            try runReportingFailures {
                let parties = try caseOptions.openCase().parties()
                if json { return try printJSON(parties) }
                if parties.isEmpty {
                    print("No parties recorded; `evidence party suggest` proposes the people the chats and e-mails name.")
                }
                for party in parties { print("#\(party.id) \(describe(party))") }
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take a party out of the case; the custody journal keeps what it recorded.")

        @OptionGroup var output: OutputOptions

        @OptionGroup var caseOptions: CaseOptions

        @Argument(help: "The party's number, as `evidence party list` shows it.")
        var party: Int64

        func run() throws {
            try runReportingFailures {
                let removed = try caseOptions.openCase().removeParty(id: party)
                print("removed party #\(removed.id) \(removed.name); its number is not reused.")
            }
        }
    }

    struct Suggest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Propose the chat authors, phone numbers and e-mail addresses seen in the case that no party records yet.",
            discussion: "Changes nothing: each line gives the `evidence party add` command to record it.")

        @OptionGroup var output: OutputOptions

        @OptionGroup var caseOptions: CaseOptions

        @Flag(help: "Print the suggestions as JSON.")
        var json = false

        func run() throws {
            try runReportingFailures {
                let suggestions = try caseOptions.openCase().partySuggestions()
                if json { return try printJSON(suggestions) }
                if suggestions.isEmpty { print("Nothing to suggest: every author, number and address seen is recorded.") }
                for suggestion in suggestions {
                    let items = suggestion.items.map { "#\($0)" }.joined(separator: ", ")
                    let (seen, option) = switch suggestion.kind {
                    case .author: ("\(suggestion.platform) author “\(suggestion.value)”",
                                   "--handle \(shellQuoted(suggestion.platform + ":" + suggestion.value))")
                    case .phone: ("phone number \(suggestion.value) (\(suggestion.platform))", "--phone \(shellQuoted(suggestion.value))")
                    case .email: ("e-mail address \(suggestion.value)" + (suggestion.displayName.map { " (“\($0)”)" } ?? ""),
                                  "--email \(shellQuoted(suggestion.value))")
                    }
                    let name = suggestion.displayName ?? (suggestion.kind == .author ? suggestion.value : "NAME")
                    print("\(seen) in \(suggestion.items.count == 1 ? "item" : "items") \(items)\n"
                          + "  evidence party add \(shellQuoted(name)) --role ROLE \(option)")
                }
            }
        }
    }
}

/// `Lucas (suspect): instagram:lucas.vdb; +32 470 12 34 56; lucas@example.org`.
private func describe(_ party: CaseParty) -> String {
    let contacts = party.handles.map(\.description) + party.phones + party.emails
    return "\(party.name) (\(party.role.rawValue))" + (contacts.isEmpty ? "" : ": " + contacts.joined(separator: "; "))
}
