import Foundation
import ShipshapeImport
import Testing
